"""Jobs: long work run in the background with status, progress, result and error."""
