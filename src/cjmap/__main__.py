from cjmap.cli.app import main

main()
