/// Formats a number for human-readable messages: whole numbers without a
/// decimal point ("2400"), others as Swift prints them ("15.1").
func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return "\(value)"
}
