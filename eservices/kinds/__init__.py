"""Service kinds: the generic editor-built form, and kinds with fixed legal forms that plug into the registry."""
