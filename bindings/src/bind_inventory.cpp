#include <pybind11/stl.h>

#include "bindings.hpp"
#include "lca4ai/inventory.hpp"

namespace py = pybind11;

namespace lca4ai::py_bind {

static py::dict record_dict(const InventoryDb& db, const InventoryRecord& r) {
    py::dict d;
    d["name"] = r.name;
    d["kind"] = r.kind;
    d["label"] = r.label;
    d["year"] = r.year;
    d["license"] = r.license;
    d["file"] = r.file;
    d["note"] = r.note;
    py::list values;
    for (const auto& [field, v] : r.values) {
        const auto* s = db.source_of(r, v.source);
        py::dict row;
        row["field"] = field;
        row["value"] = v.value;
        row["unit"] = v.unit;
        row["uncertainty"] = v.uncertainty.describe();
        row["source"] = s ? s->citation() : v.source;
        values.append(row);
    }
    d["values"] = values;
    d["missing"] = r.missing;
    d["shares"] = r.shares;
    return d;
}

void bind_inventory(py::module_& m) {
    py::class_<InventoryDb>(m, "InventoryDb", "Shipped and user inventory records")
        .def("names", &InventoryDb::names, py::arg("kind") = "")
        .def("record", [](const InventoryDb& db, const std::string& name) -> py::object {
            const auto* r = db.find(name);
            if (!r) throw py::key_error(name);
            return record_dict(db, *r);
        })
        .def("records", [](const InventoryDb& db) {
            py::list out;
            for (const auto& [_, r] : db.records()) out.append(record_dict(db, r));
            return out;
        });
    m.def("load_inventories", &load_inventory_dir, py::arg("directory"), "Loads every inventory file of a folder");
    m.def("default_inventory_dir", &default_inventory_dir);
}

}  // namespace lca4ai::py_bind
