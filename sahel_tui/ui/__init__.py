"""The Textual UI: composes the headless core, holds no data logic of its own."""
