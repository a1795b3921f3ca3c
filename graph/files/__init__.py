"""Reading any input file (the schema, documents, annotations): bytes within limits, YAML and JSON Lines with
line positions (`yamlfile`), the shapes each file must have (`shapes`), checked into models or located
problems (`parse`, `problems`). Nothing here knows what a corpus means."""
