from geolib.cli import main

raise SystemExit(main())
