"""One module per evaluation task, each with NAME, GOLD_FIELDS, predict() and score()."""
