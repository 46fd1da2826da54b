"""Pure computation, no I/O: events -> co-share pairs -> edges -> account graph -> clusters -> scores."""
