"""Werkdomein RUIMTE: its quadrant chart, the four scores per service and quadrants per cluster."""

from igemo_data import page

page.domain_page("RUIMTE")
