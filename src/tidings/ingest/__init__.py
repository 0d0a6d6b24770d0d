"""Reading raw inputs (files, folders, feeds, crawls) into articles or rejects."""
