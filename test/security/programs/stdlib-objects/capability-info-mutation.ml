// technique: mutate the record getCapabilityInfo() returns and the list getCapabilities() returns
// grant: file.read={tmp}/only/**
// expect: ["file.read"] 1 false
info = getCapabilityInfo("file.read");
info.patterns.append("/**");
info.available = true;
caps = getCapabilities();
caps.append("file.write");
print(getCapabilities(), len(getCapabilityInfo("file.read").patterns), hasCapability("file.write"));
