"""Officer pages of correspondence inside the Wagtail admin (registered in saraban/wagtail_hooks.py)."""
