"""Media of the demo courses made on this machine: three short lesson videos
(committed WebM files drawn from the scripts in `videos.py`) with their
captions, and the demo H5P activities built from `h5p.py`."""
