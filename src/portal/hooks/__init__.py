"""The portal's event handlers, one module per concern, wired by portal.plugin (once MkDocs hooks)."""
