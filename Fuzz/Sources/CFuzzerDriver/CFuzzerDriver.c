// Declarations only (see include/CFuzzerDriver.h); libFuzzer defines the driver.
#include "CFuzzerDriver.h"
