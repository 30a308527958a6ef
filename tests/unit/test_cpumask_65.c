/* cpumask at 65 CPUs (see cpumask_cases.h). */
#include "cpumask_cases.h"
