"""What happens to an order's money, told to the apps above this one.

orderpayments is the floor: it imports no other commerce app. Bookings, Market Creators and
membership connect receivers to these signals in their ``AppConfig.ready``. Every signal is
sent *inside* the transaction that holds the order's row lock (order, then payment), so a
receiver's writes commit or roll back with the order's, and a receiver that fails fails the
whole change: nothing is confirmed, refunded or commissioned halfway.
"""

from django.dispatch import Signal

# The money arrived: kwargs order, lines (the live lines that are now paid).
order_paid = Signal()

# Some lines were cancelled: kwargs order, lines, actor ("customer", "partner", "operator",
# "system"), reason, refunded (True when the order had been paid).
order_lines_cancelled = Signal()

# The whole order was cancelled (e.g. no deposit before the deadline): kwargs order, lines
# (the lines that were still live), reason, refunded.
order_cancelled = Signal()

# A batch of orders was cancelled at once (the daily expiry of unpaid bank transfers): kwargs
# order_ids, lines (the lines that were still live, across those orders, with their order,
# product and stock record loaded), reason, refunded (False: only unpaid orders expire). One
# signal per batch, so a receiver answers it with a fixed number of queries however many
# orders the batch holds.
orders_cancelled = Signal()
# Orders paid into a payment company's virtual account are past their deadline, unpaid as far
# as we know: kwargs order_ids. Sent *outside* any transaction, before the expiry locks them,
# so a receiver may ask the company (and confirm those that were paid meanwhile). A receiver
# returns the ids that must not expire in this run (paid, or the company did not answer).
deposits_due = Signal()
# Money went back for one line after delivery (a return accepted): kwargs order, line, amount
# (Decimal, KRW), reason, by. Sent once per line, inside the order's lock; the payment gateway
# receiver cancels that part of the payment, Market Creators reverse the line's commission.
order_line_refunded = Signal()
