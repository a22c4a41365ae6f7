"""The only package that imports Streamlit (besides app.py and pages/): the screen."""
