"""Payment providers: one module per way money reaches the LGO, looked up through `registry`."""
