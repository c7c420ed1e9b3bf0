"""What every feature shares: data files, identity, pages, formulas, numbers, one cache, one pool."""
