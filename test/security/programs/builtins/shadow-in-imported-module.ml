// technique: an imported module rebinds len and print at its top level, hoping to change them for its importer
// expect: 2 42 <function len>
import sec_shadow;
print(len([1, 2]), sec_shadow.count([1]), str(len));
