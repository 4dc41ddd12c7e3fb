// technique: let a Node file-system error escape to the host uncaught
// grant: file.read={dir}/**
// expect error: ValueError: File not found: nothing-here.txt
import file;
file.read("nothing-here.txt");
