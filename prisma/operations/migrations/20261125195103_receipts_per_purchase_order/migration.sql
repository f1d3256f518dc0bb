-- DropIndex
DROP INDEX "GoodsReceipt_reference_key";
-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN "reason" TEXT;
-- CreateIndex
CREATE UNIQUE INDEX "GoodsReceipt_purchaseOrderId_reference_key" ON "GoodsReceipt"("purchaseOrderId", "reference");
