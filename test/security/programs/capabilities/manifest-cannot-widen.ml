// technique: declare a capability block asking for every file, hoping the declaration widens a narrow host grant
// grant: file.read={tmp}/only/**
// expect error: CapabilityError: matches none of the granted patterns
capability Everything {
  allow read "/etc/**";
  allow file.read "/etc/**";
}
import file;
x = file.read("/etc/hostname");
