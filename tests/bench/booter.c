int cos_main(unsigned arg) { (void)arg; return 0; }
