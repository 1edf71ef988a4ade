"""The office's working folder: its configuration (`config.py`) and `init` writing one (`init.py`)."""
