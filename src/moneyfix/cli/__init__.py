"""The command-line shell: one module per command, each a thin layer over the library."""
