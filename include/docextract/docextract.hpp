// SPDX-License-Identifier: MIT
#pragma once

/// Umbrella header: includes the whole public API of docextract.

#include <docextract/csv.hpp>
#include <docextract/document.hpp>
#include <docextract/error.hpp>
#include <docextract/export.hpp>
#include <docextract/field_model.hpp>
#include <docextract/field_values.hpp>
#include <docextract/fields.hpp>
#include <docextract/geometry.hpp>
#include <docextract/image.hpp>
#include <docextract/json.hpp>
#include <docextract/memory.hpp>
#include <docextract/ocr.hpp>
#include <docextract/pipeline.hpp>
#include <docextract/preprocess.hpp>
#include <docextract/text.hpp>
#include <docextract/version.hpp>
