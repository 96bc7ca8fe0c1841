"""Development tools that build the reference parser's training data; never imported at run time."""
