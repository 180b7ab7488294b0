from postmortem_kb.cli import main

main()
