// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Error.h>

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace lapis {

/// Either a value or an Error. The return type of every fallible call that crosses a module
/// boundary; exceptions never do.
template<typename T>
class [[nodiscard]] Result {
public:
    using value_type = T;

    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        assert(ok());
        return std::get<0>(m_state);
    }
    const T &value() const &
    {
        assert(ok());
        return std::get<0>(m_state);
    }
    T &&value() &&
    {
        assert(ok());
        return std::get<0>(std::move(m_state));
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const &
    {
        assert(!ok());
        return std::get<1>(m_state);
    }
    Error &&error() &&
    {
        assert(!ok());
        return std::get<1>(std::move(m_state));
    }

private:
    std::variant<T, Error> m_state;
};

/// Success with no value, or an Error.
template<>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const &
    {
        assert(m_failed);
        return m_error;
    }
    Error &&error() &&
    {
        assert(m_failed);
        return std::move(m_error);
    }

private:
    Error m_error;
    bool m_failed = false;
};

/// Builds an Error in one expression: `return fail(ErrorCode::Corrupt, "The file is truncated");`
inline Error fail(ErrorCode code, std::string message)
{
    return Error{code, std::move(message)};
}

/// The same with a reason that callers branch on (ErrorReason).
inline Error fail(ErrorCode code, ErrorReason reason, std::string message)
{
    return Error{code, std::move(message), reason};
}

} // namespace lapis

/// Evaluates a Result-returning expression; returns its Error from the enclosing function
/// when it failed. Usable in functions returning any Result<U>.
#define LAPIS_TRY(expr) LAPIS_TRY_IMPL(LAPIS_CONCAT(lapisTryResult_, __COUNTER__), expr)
#define LAPIS_TRY_IMPL(tmp, expr)                                                                                      \
    do {                                                                                                               \
        if (auto tmp = (expr); !tmp.ok())                                                                              \
            return std::move(tmp).error();                                                                             \
    } while (false)

/// Evaluates a Result<T>-returning expression and moves its value into `var`, or returns the Error.
#define LAPIS_TRY_ASSIGN(var, expr) LAPIS_TRY_ASSIGN_IMPL(LAPIS_CONCAT(lapisTryTmp_, __COUNTER__), var, expr)
#define LAPIS_CONCAT_INNER(a, b) a##b
#define LAPIS_CONCAT(a, b) LAPIS_CONCAT_INNER(a, b)
#define LAPIS_TRY_ASSIGN_IMPL(tmp, var, expr)                                                                          \
    auto tmp = (expr);                                                                                                 \
    if (!tmp.ok())                                                                                                     \
        return std::move(tmp).error();                                                                                 \
    var = std::move(tmp).value()
