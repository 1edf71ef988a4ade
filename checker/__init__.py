"""hotline-check: compliance checker for the Nanzheng 5412345 hotline (南政办发〔2024〕4号)."""

__version__ = "0.1.0"
