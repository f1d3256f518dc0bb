-- DropIndex
DROP INDEX "Payment_reference_key";
-- CreateIndex
CREATE INDEX "Payment_reference_idx" ON "Payment"("reference");
-- CreateIndex
CREATE UNIQUE INDEX "Payment_invoiceId_reference_key" ON "Payment"("invoiceId", "reference");
