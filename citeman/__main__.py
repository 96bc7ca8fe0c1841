from citeman.cli import main

main()
