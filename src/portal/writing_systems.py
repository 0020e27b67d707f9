"""Unicode ranges of the scripts the portal treats specially (search segmentation,
content checks, fonts of social cards), defined once."""

# The Khmer block and Khmer Symbols (lunar-date signs): one script for segmentation and fonts.
KHMER = "\u1780-\u17ff\u19e0-\u19ff"
# CJK radicals to unified ideographs, and compatibility ideographs (a Chinese edition).
HAN = "\u2e80-\u9fff\uf900-\ufaff"
