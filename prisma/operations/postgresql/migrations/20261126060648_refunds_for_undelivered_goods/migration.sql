-- DropForeignKey
ALTER TABLE "CustomerRefund" DROP CONSTRAINT "CustomerRefund_returnId_fkey";
-- AlterTable
ALTER TABLE "CustomerRefund" ADD COLUMN     "reason" TEXT NOT NULL DEFAULT 'return',
ALTER COLUMN "returnId" DROP NOT NULL;
-- AddForeignKey
ALTER TABLE "CustomerRefund" ADD CONSTRAINT "CustomerRefund_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn"("id") ON DELETE SET NULL ON UPDATE CASCADE;
