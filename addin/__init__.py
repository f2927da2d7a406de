"""The Excel side: the ribbon (customUI XML as text), VBA as text, the macros the
ribbon calls (through xlwings), and the build of the macro-enabled files."""
