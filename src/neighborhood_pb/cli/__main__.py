"""``python -m neighborhood_pb.cli`` runs ``nbpb``."""

import sys

from neighborhood_pb.cli import main

sys.exit(main())
