"""The data path from a feed URL to stored items: fetch, parse, normalise, sanitise, store."""
