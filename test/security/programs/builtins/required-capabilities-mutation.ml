// technique: mutate the list requiredCapabilities() returns for a stdlib function
// expect: ["file.read"]
import file;
r = requiredCapabilities(file.read);
r.clear();
r.append("nothing");
print(requiredCapabilities(file.read));
