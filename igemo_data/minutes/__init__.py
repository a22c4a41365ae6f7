"""The minutes of a workshop (het verslag): what they say (`content`), as Word (`word`) and PDF
(`pdf`). Pure: the maps come in as PNG images drawn by `igemo_data.charts.minutes_images`."""
