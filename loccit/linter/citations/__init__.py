"""What a note or bibliography entry cites: names and authors, titles, imprint, page locators, quotes, and the
text masked for parsing (URLs, code), all with offsets into the text they came from.

Works on strings and the model's records. Never imports matching, rules, config, engine, output or cli.
"""
