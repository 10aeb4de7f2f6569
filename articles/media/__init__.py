"""Photos and narration as uploaded: checked, re-encoded, measured, resized."""
