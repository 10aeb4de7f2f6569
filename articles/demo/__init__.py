"""The demo's seed article and the pictures drawn for it."""
