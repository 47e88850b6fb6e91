"""P rules: page locators are labelled, ranged and dashed one way throughout an essay."""
