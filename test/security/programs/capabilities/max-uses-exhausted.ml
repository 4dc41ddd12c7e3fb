// technique: keep using a capability beyond its usage limit through an alias of the function
// scenario: max-uses
// expect: true
// expect error: CapabilityError: file.exists() requires capability 'file.read'
import file;
check = file.exists;
print(check("max-uses-exhausted.ml"));
print(check("max-uses-exhausted.ml"));
