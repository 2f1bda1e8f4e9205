/*
 * stub.c - the implementation folder the specifications of tests/compgraph
 * name: the compiler only checks that the folder exists; nothing builds it.
 */
