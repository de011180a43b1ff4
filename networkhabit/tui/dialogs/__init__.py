"""Modal dialogs returning a result through dismiss()."""
