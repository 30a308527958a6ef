/* cpumask at 511 CPUs (see cpumask_cases.h). */
#include "cpumask_cases.h"
