"""compgraph: compile a static component-graph specification (TOML) into the
linker scripts, stubs and boot description of one image.  See docs/compgraph.md."""
