// technique: import a module through a symlink that points outside the import roots (the symlink is made by the scenario)
// scenario: symlink-import
// expect compile error: ML3003 resolves outside the import roots
import sec_linked;
print("imported", sec_linked.secret);
