"""Assessment as data: rates over ticket facts, scores, unit groups, ranks and lists."""
