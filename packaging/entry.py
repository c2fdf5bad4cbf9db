"""What the frozen `debrief` executable runs."""

import sys

from desktop.__main__ import main

sys.exit(main())
