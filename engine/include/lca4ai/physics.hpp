//! Conversion constants of the engine, derived with Boost.Units so that the
//! dimensions of each relation (energy = power × time, ...) are checked by the
//! compiler. Only load-time code uses these; hot loops see plain doubles.
#pragma once

#include <boost/units/quantity.hpp>
#include <boost/units/systems/si/energy.hpp>
#include <boost/units/systems/si/power.hpp>
#include <boost/units/systems/si/time.hpp>

namespace lca4ai::physics {

namespace bu = boost::units;
namespace si = boost::units::si;

inline const bu::quantity<si::time> hour = 3600.0 * si::second;
inline const bu::quantity<si::time> day = 24.0 * hour;
//! A year of 365 days (8,760 h): the convention of hardware lifetimes in LCA.
inline const bu::quantity<si::time> year = 365.0 * day;

//! Energy delivered by a power over a time: E = P × t.
inline bu::quantity<si::energy> energy(bu::quantity<si::power> p, bu::quantity<si::time> t) { return p * t; }

inline const double seconds_per_hour = hour.value();
inline const double seconds_per_day = day.value();
inline const double seconds_per_year = year.value();
inline const double joules_per_watt_hour = energy(1.0 * si::watt, hour).value();

}  // namespace lca4ai::physics
